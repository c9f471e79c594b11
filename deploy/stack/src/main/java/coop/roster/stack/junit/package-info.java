/** JUnit 5 glue: one shared set of servers per test JVM, wired into Spring Boot tests. */
package coop.roster.stack.junit;
