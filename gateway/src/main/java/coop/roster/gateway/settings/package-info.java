/** "Réglages" of one group: what its coordinators set for the whole group (its language). */
package coop.roster.gateway.settings;
