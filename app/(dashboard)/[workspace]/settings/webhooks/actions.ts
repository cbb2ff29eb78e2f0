"use server";
import { serverAction } from "@/lib/handlers/server-action";
import {
  createWebhookEndpoint,
  removeWebhookEndpoint,
  rotateWebhookSecret,
  sendWebhookTest,
  setWebhookEndpointStatus,
  updateWebhookEndpoint,
} from "@/lib/webhooks/actions";
import { redeliverWebhook } from "@/lib/webhooks/redeliver.actions";

export const createEndpointAction = serverAction(createWebhookEndpoint);
export const updateEndpointAction = serverAction(updateWebhookEndpoint);
export const setEndpointStatusAction = serverAction(setWebhookEndpointStatus);
export const removeEndpointAction = serverAction(removeWebhookEndpoint);
export const rotateSecretAction = serverAction(rotateWebhookSecret);
export const sendTestAction = serverAction(sendWebhookTest);
export const redeliverAction = serverAction(redeliverWebhook);
