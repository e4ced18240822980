// The archetype plugin copies files without their permissions: make the Maven wrapper executable again.
def project = new File(request.outputDirectory, request.artifactId)
new File(project, "mvnw").setExecutable(true, false)
