import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The build goes to ui/dist, which `steward serve` serves at / (assets under /assets/).
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Vite would inline small assets as data: URLs; the policy allows them only for images.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1000,
  },
});
