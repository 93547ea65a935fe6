import type { Decorator, Preview } from '@storybook/react-vite'
import { createElement } from 'react'
import '../packages/components/src/styles.css'

/** Puts each story on the chosen theme's background, with `data-theme` set for the CSS. */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light'
  const style = {
    padding: '1rem',
    minHeight: '100%',
    color: 'var(--ts-color-fg)',
    background: 'var(--ts-color-bg)',
  }
  return createElement('div', { 'data-theme': theme, style }, createElement(Story))
}

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Light or dark colours for the components',
      toolbar: { icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    // Any axe violation fails the story's test.
    a11y: { test: 'error' },
  },
}

export default preview
