// Command-line helpers shared by the commands (audit, suggest, report, service-areas).
export { InputError, SetupError, exitOnError, formatProblem, throwOnErrors } from './inputError';
export { parseFlags, type ParsedArgs } from './args';
export { commandMain, writeCommandOutput, type CommandOutput } from './commandMain';
export { readInputFiles } from './readInputFiles';
export { writeAtomic, writeOutput, type OutputData } from './writeAtomic';
export { loadLayer, layerCentre, type LoadLayerOptions } from './loadLayer';
export {
  AUDIT_INPUT_FLAGS, AUDIT_INPUT_FORMATS, AUDIT_INPUT_REPEATABLE, AUDIT_INPUT_USAGE, LAYERS,
  auditInputPaths, auditNotes, checkAuditFlags, loadAuditInput, readJson, runAuditOf, type AuditInput, type AuditRun,
} from './auditInput';
export { refuseOutputOverInput } from './outputGuard';
export { createProgress, type Progress } from './progress';
