package coop.roster.imports.spreadsheet;

import coop.roster.imports.spreadsheet.UnreadableFileException.Reason;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells from a file's bytes whether it is a text spreadsheet at all, which encoding it uses and
 * which separator, without reading it twice.
 */
public final class FormatDetection {

  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  static final Charset ISO_8859_15 = Charset.forName("ISO-8859-15");

  private static final char[] SEPARATORS = {';', ',', '\t'};
  /** "Several lines": enough to see that a separator splits every line the same way. */
  private static final int LINES_FOR_SEPARATOR = 30;

  /**
   * The file's format; {@link FileFormat#WORKBOOK} for a workbook, which the reader recognises again
   * from its bytes and reads (or refuses) as one.
   *
   * @throws UnreadableFileException when the file is empty, binary, or another kind of document
   */
  public static FileFormat detect(ByteProfile profile) {
    byte[] sample = profile.sample();
    if (profile.size() == 0) {
      throw new UnreadableFileException(Reason.EMPTY);
    }
    if (Workbooks.isWorkbook(sample)) {
      return FileFormat.WORKBOOK;
    }
    refuseOtherKinds(sample);
    Charset charset;
    int bom = 0;
    if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
      charset = StandardCharsets.UTF_8;
      bom = 3;
    } else if (startsWith(sample, 0xFF, 0xFE)) {
      charset = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (startsWith(sample, 0xFE, 0xFF)) {
      charset = StandardCharsets.UTF_16BE;
      bom = 2;
    } else {
      if (profile.nulBytes() > 0 || profile.controlBytes() * 100 > profile.size()) {
        throw new UnreadableFileException(Reason.NOT_TEXT);
      }
      charset = profile.validUtf8() ? StandardCharsets.UTF_8 : singleByteCharset(profile);
    }
    String text = decodeSample(sample, bom, charset, profile.sampleTruncated());
    if (text.isBlank()) {
      throw new UnreadableFileException(Reason.EMPTY);
    }
    return new FileFormat(charset, bom, separator(text, profile.sampleTruncated()));
  }

  /**
   * French Excel writes Windows-1252; ISO-8859-15 differs from it only on a few letters. Bytes
   * 0x80-0x9F are letters in Windows-1252 and unused in ISO-8859-15; otherwise œ, Œ, Š, Ž and €
   * in their ISO-8859-15 places tell that one.
   */
  private static Charset singleByteCharset(ByteProfile profile) {
    if (profile.c1Bytes() == 0 && profile.latin9Bytes() > 0) {
      return ISO_8859_15;
    }
    return WINDOWS_1252;
  }

  private static void refuseOtherKinds(byte[] sample) {
    if (startsWith(sample, 0x89, 'P', 'N', 'G') || startsWith(sample, 0xFF, 0xD8, 0xFF)
        || startsWith(sample, 'G', 'I', 'F', '8') || startsWith(sample, 'R', 'I', 'F', 'F')
        || startsWith(sample, 'B', 'M')  && sample.length > 14 && sample[6] == 0 && sample[7] == 0) {
      throw new UnreadableFileException(Reason.IMAGE);
    }
    if (startsWith(sample, '%', 'P', 'D', 'F')) {
      throw new UnreadableFileException(Reason.PDF);
    }
  }

  private static String decodeSample(byte[] sample, int bom, Charset charset, boolean truncated) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(sample, bom, sample.length - bom);
    CharBuffer out = CharBuffer.allocate(sample.length);
    var result = decoder.decode(in, out, !truncated);
    // A sample cut in the middle of a character, or bad bytes further on, are reported with
    // their line when the rows are read; here only the text before them matters.
    if (result.isError() && out.position() == 0) {
      throw new UnreadableFileException(Reason.INVALID_BYTES, 1);
    }
    out.flip();
    return out.toString();
  }

  /**
   * The separator that splits the first lines into the same number of columns, more than one;
   * quoted separators and line breaks count as text, as the parser will read them.
   */
  static char separator(String text, boolean truncated) {
    char best = ';';
    double bestScore = 0;
    for (char candidate : SEPARATORS) {
      List<Integer> widths = widths(text, candidate, truncated);
      Map<Integer, Integer> frequency = new HashMap<>();
      widths.forEach(width -> frequency.merge(width, 1, Integer::sum));
      int mode = 1;
      int modeCount = 0;
      for (var entry : frequency.entrySet()) {
        if (entry.getValue() > modeCount || entry.getValue() == modeCount && entry.getKey() > mode) {
          mode = entry.getKey();
          modeCount = entry.getValue();
        }
      }
      if (mode <= 1) {
        continue;
      }
      double score = 1000.0 * modeCount / widths.size() + mode;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  private static List<Integer> widths(String text, char separator, boolean truncated) {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setDelimiter(separator)
        .setIgnoreEmptyLines(true)
        .setLenientEof(true)
        .setTrailingData(true)
        .get();
    List<Integer> widths = new ArrayList<>();
    boolean readToTheEnd = true;
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        if (widths.size() == LINES_FOR_SEPARATOR) {
          readToTheEnd = false;
          break;
        }
        widths.add(record.size());
      }
    } catch (IOException | UncheckedIOException e) {
      // This separator does not read the sample; it scores by what it read before.
      readToTheEnd = false;
    }
    if (truncated && readToTheEnd && widths.size() > 1) {
      widths.removeLast();  // cut in the middle by the end of the sample
    }
    return widths;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private FormatDetection() {
  }
}
