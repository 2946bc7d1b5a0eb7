// Tekton's resource types are defined in model/ (the bottom layer) so that every layer,
// model/ included, can name them; this file keeps the tekton/ folder's own path to them.
export * from '../model/tekton-types.js';
