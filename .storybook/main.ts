import type { StorybookConfig } from '@storybook/react-vite'

/** One Storybook for `@taskstream/components`: every story is built from plain data. */
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../packages/components/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  viteFinal: (vite) => ({
    ...vite,
    build: {
      ...vite.build,
      // Storybook's own manager and preview chunks are large by design.
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        ...vite.build?.rolldownOptions,
        // The packages' `'use client'` lines are for React Server Components; a bundle for the
        // browser drops them on purpose.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
        },
      },
    },
  }),
}

export default config
