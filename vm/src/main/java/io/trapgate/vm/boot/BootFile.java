package io.trapgate.vm.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A kernel or module image: its name as the user gave it (shown in errors, passed to the guest) and its bytes. */
public record BootFile(String name, byte[] data) {

    /** Reads a host file; a missing or unreadable file is a one-line {@link BootException}. */
    public static BootFile read(String name) throws BootException {
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new BootException(name + ": is a directory");
        }
        try {
            return new BootFile(name, Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new BootException(name + ": no such file");
        } catch (IOException e) {
            throw new BootException(name + ": cannot read: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new BootException(name + ": too large to load");
        }
    }

    /** Reads a classpath resource (the bundled images), or returns null if it is not there. */
    public static BootFile resource(String resourcePath) throws BootException {
        try (InputStream in = BootFile.class.getResourceAsStream(resourcePath)) {
            if (in == null) {
                return null;
            }
            return new BootFile(resourcePath, in.readAllBytes());
        } catch (IOException e) {
            throw new BootException(resourcePath + ": cannot read bundled image: " + e.getMessage());
        }
    }
}
