/**
 * The manifest check: renders every overlay of deploy/k8s with Kustomize and verifies what a reviewer
 * would, against the services' own configuration read at test time.
 */
package coop.roster.deploy.k8s;
