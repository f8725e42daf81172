# apiroutes: the server (src/) and the routes (api/) into api.jar, with javac and jar only.
#   make            build api.jar
#   make test       fetch JUnit 5 once (with mvn) and run the tests
#   make run        build and serve on port 3000
#   make bench      benchmarks (see BENCHMARKS.md)
#   make image      a jlink runtime with api.jar in build/image; make test-deploy: nginx and two instances
# Set JAVA_HOME to build and test with another JDK, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 make test

ifdef JAVA_HOME
JAVA_BIN := $(JAVA_HOME)/bin/
endif
JAVA  := $(JAVA_BIN)java
JAVAC := $(JAVA_BIN)javac
JAR   := $(JAVA_BIN)jar
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

.PHONY: all run test clean bench soak cds image test-deploy
all: api.jar

build/classes.stamp: $(SRC)
	@rm -rf build/classes && mkdir -p build/classes
	$(JAVAC) $(JAVAC_FLAGS) -d build/classes $(SRC)
	@touch $@

build/api.stamp: build/classes.stamp $(API_SRC)
	@rm -rf build/api && mkdir -p build/api
	$(if $(API_SRC),$(JAVAC) $(API_JAVAC_FLAGS) -cp build/classes -d build/api $(API_SRC))
	$(JAVA) -cp build/classes io.apiroutes.ServicesFileGenerator build/api
	@touch $@

# The library alone, a modular jar for applications that embed apiroutes.
build/apiroutes.jar: build/classes.stamp
	$(JAR) --create --file $@ -C build/classes .

# The server and the routes, run with java -jar. It runs on the class path, so it leaves out module-info.
api.jar: build/classes.stamp build/api.stamp
	$(JAR) --create --file $@ --main-class io.apiroutes.Main -C build/classes io -C build/api .
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
	  port=$$(sed -n 's|^apiroutes ready on http://127.0.0.1:\([0-9]*\) .*|\1|p' build/cds-training.log); \
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

test: build/test.stamp api.jar
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

# A runtime image of its own (jlink: the modules jdeps lists), api.jar and bin/apiroutes, smoke-tested.
image: api.jar
	deploy/image.sh

# Two instances behind nginx on loopback: a rolling restart and a SIGKILL under load (README, "Deploying").
test-deploy: api.jar build/test.stamp
	deploy/test/run.sh

bench:
	bench/http/run.sh
	@if [ -x bench/json/run.sh ]; then bench/json/run.sh; fi

clean:
	rm -rf build api.jar
