// Handing an investigation over: exports (Markdown, HTML, PDF, CSV, JSON bundle) and importing a bundle.
export const exchangeChannels = {} as const;
