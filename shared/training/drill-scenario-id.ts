// The scenario id every drill runs under, apart from drill-scenario.ts (which brings the simulator's drill
// building) so the page can know it without loading that at start.
export const DRILL_SCENARIO_ID = 'drill';
