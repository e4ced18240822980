package ${package};

import io.jcdk.ConnectorException;
import io.jcdk.ErrorClassifier;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Optional;

/**
 * The one place where the client's errors become what the platform acts on: config errors (the
 * user must change something; {@code check} reports them as FAILED), transient errors (a retry may
 * work) and system errors (a defect). The connector's own code never catches an error to classify it.
 */
final class ${connectorClass}ErrorClassifier implements ErrorClassifier {

  @Override
  public Optional<ConnectorException> classify(Throwable error) {
    // TODO(connector): recognize the exceptions of your client library here
    if (error instanceof FileSystemException fs) {
      // Not a directory, no permission, a read-only file system: a path the user must change.
      return Optional.of(ConnectorException.config("Cannot write " + fs.getFile() + ": "
          + (fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName())
          + ". Check the field 'directory': it must be a directory this connector can write.", fs));
    }
    if (error instanceof IOException io) {
      return Optional.of(ConnectorException.transientError("The file system failed: " + io.getMessage()
          + "; the next attempt may succeed.", io));
    }
    return Optional.empty();
  }
}
