/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's URL when the view is hosted elsewhere (build time); default /graphql on this server. */
  readonly VITE_API_URL?: string;
}
