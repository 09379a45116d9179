export { CoverageNode, NodeInventory, NodeTaint } from './inventory';
export {
  CoverageDaemonSet, DaemonPlacement, NodeCoverage, PlacementReason, PlacementReasonKind, PlacementStatus,
} from './node-coverage';
