import type { Reply, Route } from './http.ts';
import { colourFor, solidPng } from './png.ts';

function png(data: Buffer): Reply {
  return { status: 200, contentType: 'image/png', headers: { 'Cache-Control': 'public, max-age=31536000' }, body: data };
}

/** The images that account and instance entities link to, so they load in the UI. */
export const imageRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/avatars\/(?<name>[^/]+)\.png$/,
    handle: ({ pathParams }) => png(solidPng(48, 48, colourFor(pathParams.name ?? ''))),
  },
  { method: 'GET', path: '/headers/original/missing.png', handle: () => png(solidPng(1, 1, [96, 96, 96])) },
  {
    method: 'GET',
    path: /^\/emoji\/(?<name>[^/]+)\.png$/,
    handle: ({ pathParams }) => png(solidPng(32, 32, colourFor(pathParams.name ?? ''))),
  },
  { method: 'GET', path: '/thumbnail.png', handle: () => png(solidPng(64, 32, [99, 100, 255])) },
];
