/** The evaluation's request and response schemas live with the domain (the use cases take the parsed commands). */
export * from '../domain/schemas.js';
