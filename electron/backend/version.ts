// The version shown in the app; the build replaces __PEEL_VERSION__ with package.json's version.
declare const __PEEL_VERSION__: string | undefined;
export const PEEL_VERSION: string = typeof __PEEL_VERSION__ === 'string' ? __PEEL_VERSION__ : '0.0.0-dev';
