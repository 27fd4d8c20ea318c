/**
 * `npm start` runs as production unless NODE_ENV says otherwise: graphql-js's production build
 * (its development build checks every instanceof by name, a measurable cost per field). Stack
 * traces are left out of responses under any NODE_ENV but `development` (src/config.ts).
 * Imported first by src/main.ts, before graphql is loaded.
 */
process.env.NODE_ENV ??= 'production';
