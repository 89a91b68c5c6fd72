import { fileURLToPath } from "node:url";
import mdx from "@mdx-js/rollup";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { courseCatalog } from "./build/course-catalog.ts";

const contentDir = process.env.BVTE_CONTENT_DIR ?? fileURLToPath(new URL("../../content", import.meta.url));
const apiTarget = process.env.BVTE_API ?? "http://localhost:8080";

export default defineConfig({
  plugins: [
    courseCatalog({ contentDir }),
    { enforce: "pre", ...mdx({ providerImportSource: "@mdx-js/react" }) },
    react({ include: /\.(mdx|tsx?)$/ }),
    VitePWA({
      registerType: "prompt",
      injectRegister: null,
      manifest: {
        name: "BVTE Academy – Học tập bảo vệ trẻ em",
        short_name: "BVTE Academy",
        description: "Khoá học bảo vệ trẻ em, dùng được cả khi không có mạng",
        lang: "vi",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#0b5394",
        icons: [
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
        ],
      },
      workbox: {
        // Every lesson chunk, quiz chunk and figure is precached: the whole catalogue works offline.
        globPatterns: ["**/*.{js,css,html,svg,png,woff2,webmanifest}"],
        navigateFallback: "index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/xapi\//, /^\/console/, /^\/verify/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // Lessons live outside this package; resolve their imports from here.
  resolve: { dedupe: ["react", "react-dom", "@mdx-js/react"] },
  // Figures stay files (precached once) instead of data URLs inlined into the catalogue chunk.
  build: { target: "es2022", sourcemap: false, assetsInlineLimit: 0 },
  server: { proxy: { "/api": apiTarget, "/xapi": apiTarget } },
});
