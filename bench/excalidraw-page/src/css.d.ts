/** Style sheets are bundled by esbuild (bench/support/excalidraw-peer.ts). */
declare module '*.css';
