import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiTarget = process.env.BVTE_API ?? "http://localhost:8080";

export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: { target: "es2022" },
  server: { proxy: { "/api": apiTarget } },
});
