/**
 * The privacy notice a learner reads and accepts at first sign-in (Law on Personal Data Protection
 * No. 91/2025/QH15). Changing what it says means a new version, which asks everyone again.
 */
export const NOTICE_VERSION = "2026-01";

interface Text {
  vi: string;
  en: string;
}

export interface PrivacyNotice {
  version: string;
  title: Text;
  sections: { heading: Text; body: Text }[];
}

export const PRIVACY_NOTICE: PrivacyNotice = {
  version: NOTICE_VERSION,
  title: { vi: "Thông báo về xử lý dữ liệu cá nhân", en: "Notice on the processing of personal data" },
  sections: [
    {
      heading: { vi: "Dữ liệu được thu thập", en: "What is collected" },
      body: {
        vi: "Họ tên, tên đăng nhập, đơn vị công tác và vai trò của bạn; số điện thoại hoặc thư điện tử nếu được dùng để đăng nhập; quá trình học (bài đã học, kết quả bài kiểm tra và bài thi chứng nhận) và các chứng nhận được cấp. Ứng dụng không thu thập vị trí, danh bạ hay dữ liệu nào khác trên điện thoại của bạn.",
        en: "Your name, login, work unit and role; a phone number or e-mail address if it is used to sign in; your learning records (lessons studied, quiz and certification exam results) and the certificates issued to you. The app does not collect your location, contacts or any other data on your phone.",
      },
    },
    {
      heading: { vi: "Mục đích", en: "Why" },
      body: {
        vi: "Chỉ để tổ chức đào tạo, chấm bài thi, cấp và xác minh chứng nhận, và thống kê tỷ lệ cán bộ đã được đào tạo theo kế hoạch bảo vệ trẻ em. Dữ liệu không được dùng cho quảng cáo và không được bán.",
        en: "Only to run the training, grade exams, issue and verify certificates, and report how many staff have been trained under child-protection plans. The data is not used for advertising and is not sold.",
      },
    },
    {
      heading: { vi: "Ai được xem", en: "Who can see it" },
      body: {
        vi: "Giảng viên và cán bộ quản lý đào tạo trong phạm vi đơn vị của bạn, và quản trị viên hệ thống. Người kiểm tra một chứng nhận (ví dụ cơ quan, toà án) chỉ thấy họ tên, khoá học, ngày cấp và thời hạn ghi trên chứng nhận đó.",
        en: "Trainers and training managers for your unit, and system administrators. Someone checking one of your certificates (an agency, a court) sees only the name, course, issue date and validity on that certificate.",
      },
    },
    {
      heading: { vi: "Không nhập thông tin về trẻ em", en: "Do not enter information about children" },
      body: {
        vi: "Khoá học không cần và không lưu thông tin về trẻ em hay vụ việc cụ thể. Đừng ghi những thông tin đó vào câu trả lời. Nếu cần hỗ trợ khẩn cấp cho trẻ, hãy gọi Tổng đài 111 (miễn phí, 24/7).",
        en: "The courses neither need nor store information about children or real cases. Do not write such information in your answers. If a child needs urgent help, call the 111 hotline (free, 24/7).",
      },
    },
    {
      heading: { vi: "Thời gian lưu trữ", en: "How long it is kept" },
      body: {
        vi: "Trong thời gian bạn tham gia đào tạo và trong thời hạn hiệu lực của chứng nhận. Khi tài khoản của bạn bị xoá, hồ sơ học tập chỉ được giữ ở dạng ẩn danh để thống kê, không còn liên kết được với bạn.",
        en: "While you take part in training and while your certificates are valid. When your account is erased, learning records are kept only in anonymised form for statistics and can no longer be linked to you.",
      },
    },
    {
      heading: { vi: "Quyền của bạn", en: "Your rights" },
      body: {
        vi: "Bạn có quyền xem và tải về toàn bộ dữ liệu của mình (mục “Tải dữ liệu của tôi”), rút lại sự đồng ý bất cứ lúc nào, và yêu cầu quản trị viên đơn vị sửa dữ liệu sai hoặc xoá dữ liệu của bạn. Mọi lần xuất và xoá dữ liệu đều được ghi nhật ký. Căn cứ: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15.",
        en: "You may view and download all your data (“Download my data”), withdraw your consent at any time, and ask your unit's administrator to correct wrong data or erase your data. Every export and erasure is logged. Basis: Law on Personal Data Protection No. 91/2025/QH15.",
      },
    },
  ],
};
