# apiroutes: the server (src/) and the routes (api/) into api.jar, with javac and jar only.
#   make            build api.jar
#   make test       fetch JUnit 5 once (with mvn) and run the tests
#   make run        build and serve on port 3000
#   make install    put io.apiroutes:apiroutes:$(VERSION) (jar, sources, javadoc, pom) in the local Maven repository
#   make bench      benchmarks (see BENCHMARKS.md)
# Set JAVA_HOME to build and test with another JDK, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 make test

# The version, kept here only: jar manifests, the module, the pom, --version and the start-up line.
# (The README's snippets and examples/maven-app show it too: change them with it.)
VERSION := 0.1.0

ifdef JAVA_HOME
JAVA_BIN := $(JAVA_HOME)/bin/
endif
JAVA  := $(JAVA_BIN)java
JAVAC := $(JAVA_BIN)javac
JAR   := $(JAVA_BIN)jar
JAVADOC := $(JAVA_BIN)javadoc
MVN   ?= mvn

JUNIT_VERSION := 1.11.4
JUNIT_JAR := lib/junit-platform-console-standalone-$(JUNIT_VERSION).jar
# -XDstringConcat=inline: string concatenation as StringBuilder code, not invokedynamic, which
# spins ~30 classes at start-up; also 2 KB off api.jar (BENCHMARKS.md).
JAVAC_FLAGS := --release 17 -encoding UTF-8 -Xlint:all -Werror -XDstringConcat=inline
# Handlers are the user's code: their warnings are shown but do not stop the build.
API_JAVAC_FLAGS := --release 17 -encoding UTF-8 -Xlint:all -XDstringConcat=inline

SRC      := $(shell find src -name '*.java')
API_SRC  := $(shell find api -name '*.java' 2>/dev/null)
TEST_SRC := $(shell find test -name '*.java' 2>/dev/null)

.PHONY: all run test clean bench soak cds install version
all: api.jar

version:
	@echo $(VERSION)

build/classes.stamp: $(SRC)
	@rm -rf build/classes && mkdir -p build/classes
	$(JAVAC) $(JAVAC_FLAGS) -d build/classes $(SRC)
	@touch $@

# The handlers, checked and listed in META-INF/services/io.apiroutes.ApiHandler by the library's
# annotation processor (HandlerProcessor), as in any other build: the rules of the start-up checks.
build/api.stamp: build/classes.stamp $(API_SRC)
	@rm -rf build/api && mkdir -p build/api
	$(if $(API_SRC),$(JAVAC) $(API_JAVAC_FLAGS) -cp build/classes -processorpath build/classes \
	  -processor io.apiroutes.HandlerProcessor -d build/api $(API_SRC))
	@touch $@

build/MANIFEST.MF: Makefile LICENSE
	@mkdir -p build/meta/META-INF && cp LICENSE build/meta/META-INF/LICENSE
	@printf 'Implementation-Title: apiroutes\nImplementation-Version: %s\nSpecification-Title: apiroutes\nSpecification-Version: %s\n' \
	  $(VERSION) $(VERSION) > $@

# Build- and test-time parts (the annotation processor, the test client), left out of api.jar.
LIB_ONLY := ! -name 'HandlerProcessor*.class' ! -path 'io/apiroutes/testing/*'

# The library: a modular jar with the annotation processor and the test client, no example routes.
build/apiroutes.jar: build/classes.stamp build/MANIFEST.MF src/META-INF/services/javax.annotation.processing.Processor LICENSE
	$(JAR) --create --file $@ --manifest build/MANIFEST.MF --module-version $(VERSION) -C build/classes . \
	  -C src META-INF/services/javax.annotation.processing.Processor -C build/meta META-INF/LICENSE
	@echo "build/apiroutes.jar: $$(wc -c < $@) bytes"

# The server and the routes, run with java -jar. It runs on the class path, so it leaves out module-info.
api.jar: build/classes.stamp build/api.stamp build/MANIFEST.MF
	$(JAR) --create --file $@ --manifest build/MANIFEST.MF --main-class io.apiroutes.Main \
	  $$(cd build/classes && find io -name '*.class' $(LIB_ONLY) | sort | sed 's|^|-C build/classes |') -C build/api .
	@echo "api.jar: $$(wc -c < $@) bytes"

run: api.jar
	./run.sh

# A class-data archive of api.jar for the java that builds it, which run.sh uses when it is newer
# than api.jar and was made by the same java: on JDK 24+ an AOT cache (JEP 483/514), before that a
# dynamic CDS archive. A training run starts the server through run.sh (same JVM flags) on a free
# loopback port, calls each route once (GET and POST), and stops it; the JVM writes the archive on
# exit. Start-up to the first answer, in BENCHMARKS.md: JDK 17 289 -> 228 ms, JDK 25 267 -> 171 ms.
cds: api.jar
	@java=$$(readlink -f "$$(command -v $(JAVA))"); \
	if [ "$$(cat build/cds.java 2>/dev/null)" = "$$java" ] && { [ build/api.aot -nt api.jar ] || [ build/api.jsa -nt api.jar ]; }; then exit 0; fi; \
	rm -f build/api.aot build/api.jsa build/cds.java; \
	f=$$($(JAVA) -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	if [ "$${f:-0}" -ge 24 ]; then out=build/api.aot; flag=-XX:AOTCacheOutput=$$out; \
	else out=build/api.jsa; flag=-XX:ArchiveClassesAtExit=$$out; fi; \
	JAVA_OPTS="$$flag" ./run.sh --port 0 --host 127.0.0.1 > build/cds-training.log 2>&1 & pid=$$!; \
	port=; for i in $$(seq 600); do \
	  port=$$(sed -n 's|^apiroutes .*ready on http://127.0.0.1:\([0-9]*\) .*|\1|p' build/cds-training.log); \
	  [ -n "$$port" ] || ! kill -0 $$pid 2>/dev/null && break; sleep 0.05; done; \
	if [ -n "$$port" ] && command -v curl >/dev/null; then \
	  for path in $$(sed -n 's|^  \(/api[^ ]*\) -> .*|\1|p' build/cds-training.log | sed 's|\[[^]]*\]\]*|1|g') /api/no-such-route; do \
	    curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$$port$$path"; \
	    curl -s -o /dev/null --max-time 5 -H 'Content-Type: application/json' -d '{"a":[1,"b",null]}' "http://127.0.0.1:$$port$$path"; \
	  done; \
	fi; \
	kill $$pid 2>/dev/null; wait $$pid; \
	if [ -s $$out ]; then echo "$$java" > build/cds.java; echo "$$out: $$(wc -c < $$out) bytes"; \
	else echo "cds: no archive made, see build/cds-training.log"; fi

$(JUNIT_JAR):
	@mkdir -p lib
	$(MVN) -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
	  -Dartifact=org.junit.platform:junit-platform-console-standalone:$(JUNIT_VERSION) -DoutputDirectory=lib

build/test.stamp: build/api.stamp $(TEST_SRC) $(JUNIT_JAR)
	@rm -rf build/test && mkdir -p build/test
	$(JAVAC) $(JAVAC_FLAGS) -cp build/classes:build/api:$(JUNIT_JAR) -d build/test $(TEST_SRC)
	@touch $@

test: build/test.stamp api.jar build/apiroutes.jar
	@rm -rf build/test-reports
	@$(JAVA) -jar $(JUNIT_JAR) execute --disable-banner --details=tree --details-theme=ascii --disable-ansi-colors \
	  --class-path build/classes:build/api:build/test --scan-class-path \
	  --reports-dir build/test-reports > build/test-output.txt 2>&1; \
	  status=$$?; cat build/test-output.txt; \
	  passed=$$(sed -n 's/^\[ *\([0-9]*\) tests successful *\]$$/\1/p' build/test-output.txt); \
	  failed=$$(sed -n 's/^\[ *\([0-9]*\) tests failed *\]$$/\1/p' build/test-output.txt); \
	  echo "$${passed:-0} passed, $${failed:-0} failed"; \
	  exit $$status

# The figures of SECURITY.md (about 4 minutes, 127.0.0.1 only): slow clients, wrk load, shutdown under load.
soak: api.jar
	bench/soak/run.sh

bench:
	bench/http/run.sh
	@if [ -x bench/json/run.sh ]; then bench/json/run.sh; fi

# --- make install: io.apiroutes:apiroutes:$(VERSION) into the local Maven repository, with the JDK and
# make alone: the library jar, its sources and javadoc, and a pom with no dependencies, copied into the
# repository's layout (what mvn install:install-file would write; Maven takes an artifact it finds there
# without a _remote.repositories file as locally installed). Another repository: make install MAVEN_REPO=...
MAVEN_REPO ?= $(HOME)/.m2/repository
INSTALL_DIR = $(MAVEN_REPO)/io/apiroutes/apiroutes/$(VERSION)
PROJECT_URL := https://github.com/apiroutes/apiroutes

build/apiroutes-sources.jar: $(SRC) build/MANIFEST.MF
	$(JAR) --create --file $@ --manifest build/MANIFEST.MF -C src . -C build/meta META-INF/LICENSE

# The public API's javadoc; -Xdoclint:all -Werror: a missing or broken doc comment fails the build.
build/apiroutes-javadoc.jar: $(SRC) build/MANIFEST.MF
	@rm -rf build/javadoc
	$(JAVADOC) -quiet --release 17 -encoding UTF-8 -Xdoclint:all -Werror -notimestamp \
	  -doctitle "apiroutes $(VERSION)" -windowtitle "apiroutes $(VERSION)" -d build/javadoc $(SRC)
	$(JAR) --create --file $@ --manifest build/MANIFEST.MF -C build/javadoc . -C build/meta META-INF/LICENSE

define POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.apiroutes</groupId>
  <artifactId>apiroutes</artifactId>
  <version>$(VERSION)</version>
  <packaging>jar</packaging>
  <name>apiroutes</name>
  <description>Next.js-style API routes for plain Java on the JDK's own HTTP server: a class under api/ is an endpoint under /api/*. No dependencies; an annotation processor that lists the handlers; a test client.</description>
  <url>$(PROJECT_URL)</url>
  <licenses>
    <license>
      <name>Apache License, Version 2.0</name>
      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>
      <distribution>repo</distribution>
    </license>
  </licenses>
  <developers>
    <developer>
      <name>The apiroutes developers</name>
      <url>$(PROJECT_URL)</url>
    </developer>
  </developers>
  <scm>
    <connection>scm:git:$(PROJECT_URL).git</connection>
    <developerConnection>scm:git:$(PROJECT_URL).git</developerConnection>
    <url>$(PROJECT_URL)</url>
  </scm>
</project>
endef
export POM

build/apiroutes.pom: Makefile
	@mkdir -p build
	@printf '%s\n' "$$POM" > $@

install: build/apiroutes.jar build/apiroutes-sources.jar build/apiroutes-javadoc.jar build/apiroutes.pom
	@mkdir -p $(INSTALL_DIR)
	@rm -f $(INSTALL_DIR)/_remote.repositories $(INSTALL_DIR)/*.lastUpdated
	cp build/apiroutes.jar $(INSTALL_DIR)/apiroutes-$(VERSION).jar
	cp build/apiroutes-sources.jar $(INSTALL_DIR)/apiroutes-$(VERSION)-sources.jar
	cp build/apiroutes-javadoc.jar $(INSTALL_DIR)/apiroutes-$(VERSION)-javadoc.jar
	cp build/apiroutes.pom $(INSTALL_DIR)/apiroutes-$(VERSION).pom
	@echo "installed io.apiroutes:apiroutes:$(VERSION) in $(INSTALL_DIR)"

clean:
	rm -rf build api.jar
