/**
 * `npm start` runs as production unless NODE_ENV says otherwise: no stack traces in responses, and
 * graphql-js's production type checks (its development build checks every instanceof by name, a
 * measurable cost per field). Imported first by src/main.ts, before graphql is loaded.
 */
process.env.NODE_ENV ??= 'production';
