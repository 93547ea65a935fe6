/**
 * A module resolve hook for the official SDK, whose ESM build imports its own files without
 * the `.js` extension (fine for bundlers, not for plain Node): tries `.js`, then `/index.js`.
 */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('.')) throw error
    try {
      return await next(`${specifier}.js`, context)
    } catch {
      return next(`${specifier}/index.js`, context)
    }
  }
}
