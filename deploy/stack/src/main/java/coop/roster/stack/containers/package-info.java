/** The same parts as Testcontainers' real images, for machines with a Docker engine. */
package coop.roster.stack.containers;
