/** JMH benchmarks of the VM's hot paths; run with {@code java -jar bench/target/benchmarks.jar}. */
package io.trapgate.bench;
