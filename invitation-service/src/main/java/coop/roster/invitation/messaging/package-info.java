/**
 * invitation-service's own Kafka plumbing: publishing events on their own topic through StreamBridge, and the
 * one event converter that this and the converting bindings use. Reading records, dead letters and
 * per-record traces for batch consumers come from the shared {@code messaging} module.
 */
package coop.roster.invitation.messaging;
