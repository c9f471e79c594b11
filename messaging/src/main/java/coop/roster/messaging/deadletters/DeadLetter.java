package coop.roster.messaging.deadletters;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record of a dead-letter topic, described by the headers Spring Kafka's {@code DeadLetterPublishingRecoverer}
 * wrote on it. {@code replayed} is true once it is below the replay mark (replayed, or passed over by a replay
 * that started after it).
 *
 * @param topic the dead-letter topic
 * @param partition its partition
 * @param offset its offset there
 * @param deadLetteredAt when it was written to the dead-letter topic
 * @param originalTopic the topic it came from (the dead-letter topic's name without {@code .dlq} if no header says)
 * @param originalPartition the partition it came from, -1 if unknown
 * @param originalOffset the offset it had there, -1 if unknown
 * @param key its key as text, or {@code null}
 * @param exceptionClass the class of what its consumer threw
 * @param exceptionMessage the message of what its consumer threw
 * @param replayed whether a replay has already handled it
 */
public record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, String originalTopic,
    int originalPartition, long originalOffset, String key, String exceptionClass, String exceptionMessage,
    boolean replayed) {

  /** The suffix of a dead-letter topic's name (the binder's default {@code dlq-name} in Roster). */
  public static final String SUFFIX = ".dlq";

  static DeadLetter of(ConsumerRecord<byte[], byte[]> record, boolean replayed) {
    Headers headers = record.headers();
    String originalTopic = text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
    if (originalTopic == null && record.topic().endsWith(SUFFIX)) {
      originalTopic = record.topic().substring(0, record.topic().length() - SUFFIX.length());
    }
    byte[] partition = bytes(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION);
    byte[] offset = bytes(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET);
    return new DeadLetter(record.topic(), record.partition(), record.offset(),
        Instant.ofEpochMilli(record.timestamp()), originalTopic,
        partition == null || partition.length != Integer.BYTES ? -1 : ByteBuffer.wrap(partition).getInt(),
        offset == null || offset.length != Long.BYTES ? -1 : ByteBuffer.wrap(offset).getLong(),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN), text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
        replayed);
  }

  private static String text(Headers headers, String name) {
    byte[] value = bytes(headers, name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : header.value();
  }
}
