// Unit layer setup: the H5 flavour of the client, and Taro's config macros as identity functions.
process.env.TARO_ENV = 'h5'
globalThis.defineAppConfig = (c) => c
globalThis.definePageConfig = (c) => c
