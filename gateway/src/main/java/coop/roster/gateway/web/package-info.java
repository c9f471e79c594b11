/**
 * What every page shares: the language (French by default, English by a switch), dates and numbers
 * in the reader's locale, the person logged in, and the pages shown when something went wrong.
 */
package coop.roster.gateway.web;
