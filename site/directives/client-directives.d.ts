// Types for the custom `client:interaction` directive (registered in astro.config.mjs), so
// `astro check` accepts it on islands like the built-in `client:idle`.
declare module 'astro' {
  interface AstroClientDirectives {
    /** Hydrate on the visitor's first focus, pointer or key press inside the island; `"idle"` also when the browser is idle and the chat has something to show; `"load"` at once, still replaying a press made before (site/directives/interaction.ts). */
    'client:interaction'?: boolean | 'idle' | 'load';
  }
}

export {};
