import type { StorybookConfig } from '@storybook/react-vite'

/** One Storybook for `@taskstream/components`: every story is built from plain data. */
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../packages/components/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
}

export default config
