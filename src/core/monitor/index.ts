// The monitor stage: type checks while the model writes. Between model/ and the editor: it streams a
// completion through the model client, asks the headless language servers (facts/) about the member
// accesses the model writes, and steers or repairs the completion by what the backend supports.
export { completeMonitored, type MonitorInput } from './monitored-completion';
export { DEFAULT_MONITOR_SETTINGS, type MonitorChange, type MonitoredCompletion, type MonitorSettings } from './types';
export { strategyFor, memberGrammar, type SteeringStrategy } from './constraints';
export type { DiagnosticFinding, FindingKind } from './diagnostic-findings';
export type { MonitoredDocument } from './oracle';
export { monitoredLanguage } from './triggers';
