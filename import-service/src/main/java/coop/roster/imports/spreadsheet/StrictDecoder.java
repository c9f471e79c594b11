package coop.roster.imports.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes to text and refuses a byte sequence the encoding cannot read, but only after
 * handing over every character before it, so the row it belongs to is known. (The JDK's
 * {@code InputStreamReader} drops the characters decoded just before the error.)
 */
final class StrictDecoder extends Reader {

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private final CharBuffer chars = CharBuffer.allocate(8192).flip();
  private boolean endOfInput;
  private boolean flushed;
  private CharacterCodingException error;

  StrictDecoder(InputStream in, Charset charset) {
    this.in = in;
    this.decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (error != null) {
        throw error;
      }
      if (flushed) {
        return -1;
      }
      decodeMore();
    }
    int count = Math.min(length, chars.remaining());
    chars.get(buffer, offset, count);
    return count;
  }

  private void decodeMore() throws IOException {
    if (!endOfInput) {
      bytes.compact();
      int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (read < 0) {
        endOfInput = true;
      } else {
        bytes.position(bytes.position() + read);
      }
      bytes.flip();
    }
    chars.clear();
    CoderResult result = decoder.decode(bytes, chars, endOfInput);
    if (result.isError()) {
      error = exception(result);
    } else if (endOfInput) {
      result = decoder.flush(chars);
      if (result.isError()) {
        error = exception(result);
      }
      flushed = !result.isOverflow();
    }
    chars.flip();
  }

  private static CharacterCodingException exception(CoderResult result) {
    try {
      result.throwException();
    } catch (CharacterCodingException e) {
      return e;
    }
    throw new IllegalStateException("not an error: " + result);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
