FROM eclipse-temurin:25-jdk AS build
WORKDIR /build

COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN chmod +x mvnw \
 && ./mvnw -B -q dependency:go-offline

COPY contracts/ contracts/
COPY src/ src/
RUN ./mvnw -B -q -Dspotless.check.skip=true -DskipTests package

FROM eclipse-temurin:25-jre AS runtime
RUN groupadd --system --gid 10001 origin \
 && useradd --system --uid 10001 --gid origin --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin origin
WORKDIR /app

COPY --from=build /build/target/lib/ /app/lib/
COPY --from=build /build/target/origin.jar /app/origin.jar

# The tokenizer's native library is unpacked on first use, and a model named by MODEL_REPO is
# downloaded: both need a writable folder, and /app is not writable by the service's user.
ENV HOST=0.0.0.0 PORT=8080 DJL_CACHE_DIR=/tmp/djl MODEL_CACHE_DIR=/tmp/models
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/origin.jar"]

# An image with an LLMLingua-2 model baked in, so that no start downloads it:
#   docker build --target with-model --build-arg MODEL_PATH=models/llmlingua-2-bert .
# MODEL_PATH is a folder in the build context with model.onnx, tokenizer.json, config.json and
# special_tokens_map.json (see the README's model section).
FROM runtime AS with-model
ARG MODEL_PATH
COPY ${MODEL_PATH}/ /app/model/
ENV MODEL_DIR=/app/model

# The default target: the embedded lexical scorer, or a model given at run time.
FROM runtime
