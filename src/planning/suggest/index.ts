// Proposals (建议选址): candidates, the coverage model, greedy and exact solvers, and the audit's figures.
export * from './candidates';
export * from './demand';
export * from './coverage';
export * from './greedy';
export * from './exact';
export * from './suggest';
export { pieceWalk, type WalkingOptions } from './networkCoverage';
export * from './output';
