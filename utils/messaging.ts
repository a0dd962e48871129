import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from '@/lib/messages';

/** The typed UI ↔ background channel; every surface uses this one instance of the protocol. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
