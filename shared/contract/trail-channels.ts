// The audit trail's calls: verifying the chain, the timeline, corrections that never erase.
export const trailChannels = {} as const;
