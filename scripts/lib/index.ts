// Command-line helpers shared by the commands (audit, service-areas).
export { InputError, exitOnError, formatProblem, throwOnErrors } from './inputError';
export { parseFlags, type ParsedArgs } from './args';
export { readInputFiles } from './readInputFiles';
export { writeAtomic } from './writeAtomic';
export { loadLayer, layerCentre, type LoadLayerOptions } from './loadLayer';
