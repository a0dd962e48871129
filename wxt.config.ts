import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Fixed Firefox add-on id: the Firefox redirect URI (and so every cached app
// registration made from Firefox) derives from it.
export const GECKO_ID = 'fedipost@fedipost.app';

export default defineConfig({
  // The browser runner would try to download browsers; this project drives them itself.
  webExt: { disabled: true },
  // No auto-imports: every file names where `browser`, storage items and helpers come from,
  // so nothing (a token store least of all) is one identifier away from a UI file.
  imports: false,
  // No modulepreload polyfill: every browser we support (Chrome MV3, Firefox >= 142)
  // has <link rel=modulepreload>, so the polyfill was dead weight on every page.
  // The pages' HTML preloads what their script imports, but a lazy part does not list the
  // scripts it imports for preloading (only its style sheets): each name in such a list
  // is carried by the page's script at rest, and a part's few imports are files of the
  // extension itself, read at once when it asks for them.
  vite: () => ({
    plugins: [preact()],
    build: {
      modulePreload: { polyfill: false, resolveDependencies: (_file: string, deps: string[], { hostType }: { hostType: 'html' | 'js' }) => (hostType === 'html' ? deps : []) },
    },
  }),
  hooks: {
    // The popup and the share window (compose) are each built on their own, so that each
    // starts from few files: its own script, and Preact, hooks and i18n, which its folded
    // parts share. Built with the other pages, everything one shares with another was
    // split into common chunks (ten files), and each file costs an extension page a request
    // and a read on the browser's busy threads before it can run; apart, they also compress
    // worse. The options page, left alone in its group, becomes one file. Lazy parts keep
    // their chunks (docs/architecture.md, "What loads at rest").
    'entrypoints:grouped': (_wxt, groups) => {
      for (const name of ['popup', 'compose']) {
        const pages = groups.find((group) => Array.isArray(group) && group.some((entry) => entry.name === name));
        if (!Array.isArray(pages) || pages.length === 1) continue;
        groups.push(pages.splice(pages.findIndex((entry) => entry.name === name), 1));
      }
    },
    // Built alone, the bundler still puts what the page shares with its folded parts
    // (Preact, its hooks, i18n) into three common files, where one does: two requests fewer
    // before the page can run, and one file compresses better than three.
    'vite:build:extendConfig'(entrypoints, config) {
      const only = entrypoints.length === 1 ? entrypoints[0]!.name : null;
      if (only !== 'popup' && only !== 'compose') return;
      config.build ??= {};
      config.build.rolldownOptions = {
        ...config.build.rolldownOptions,
        // Needed by a codeSplitting group (entries export nothing anyway).
        preserveEntrySignatures: 'allow-extension',
        output: {
          ...(config.build.rolldownOptions?.output as object),
          codeSplitting: { groups: [{ name: `${only}-shared`, test: /node_modules[\\/]preact|utils[\\/]i18n/ }] },
        },
      };
    },
  },
  // The sources zip for addons.mozilla.org: everything a reviewer needs to rebuild the
  // Firefox zip (README, "Rebuilding from sources"), without test output or store files.
  zip: { excludeSources: ['tests/e2e/artifacts/**', 'store/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // No host permissions: Mastodon answers CORS on /api/* and /oauth/*.
    // activeTab: a menu click or the shortcut lets us read that one tab's title and URL;
    // scripting: and, under that same grant, its meta tags (author, link card) once.
    // alarms: wakes a stopped background to resume uploads (entrypoints/background/keep-alive.ts).
    // offscreen (Chrome): uploads with progress run in an offscreen document (utils/offscreen-uploads.ts).
    permissions: [
      'storage',
      'identity',
      'contextMenus',
      'activeTab',
      'scripting',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    commands: {
      'share-tab': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_commandShareTab__',
      },
    },
    action: {
      default_title: '__MSG_actionTitle__',
      // Firefox draws the glyph alone to match the toolbar: `light` is the light glyph,
      // shown on toolbars with bright text (dark themes), `dark` the dark one (Firefox's
      // browser.css: toolbar[brighttext] uses the "light" image). Chrome has no
      // theme_icons and shows the coloured icon.
      ...(browser === 'firefox'
        ? {
            theme_icons: [16, 32].map((size) => ({
              light: `icon/glyph-light-${size}.png`,
              dark: `icon/glyph-dark-${size}.png`,
              size,
            })),
          }
        : {}),
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android: data_collection_permissions (which the add-on store
            // requires) came to Android in 142, after MV3 did; web-ext lint warns below it.
            gecko_android: { strict_min_version: '142.0' },
          },
          // Firefox for Android has no identity API: the sign-in runs in a tab and the
          // instance redirects to this page (entrypoints/background/sign-in.ts). An instance's
          // page may only navigate to an extension page that is web-accessible; `matches`
          // covers every instance (http for loopback test servers), and grants no host access.
          web_accessible_resources: [{ resources: ['oauth-callback.html'], matches: ['*://*/*'] }],
        }
      : {
          // runtime.getContexts (finding the offscreen document that runs uploads,
          // utils/offscreen-uploads.ts) came in Chrome 116: older Chromes refuse to install
          // rather than fail at the first upload.
          minimum_chrome_version: '116',
        }),
  }),
});
