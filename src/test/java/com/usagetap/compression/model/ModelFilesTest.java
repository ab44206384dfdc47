package com.usagetap.compression.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFilesTest {
  @TempDir Path dir;

  @Test
  void validate_requiredFilesOnly_givesTheirPathsAndNoOptionalOnes() throws IOException {
    writeRequired();

    ModelFiles files = ModelFiles.validate(dir);

    assertThat(files)
        .isEqualTo(
            new ModelFiles(
                dir,
                dir.resolve("model.onnx"),
                dir.resolve("tokenizer.json"),
                dir.resolve("config.json"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void validate_optionalFilesPresent_areFound() throws IOException {
    writeRequired();
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 512}");
    Files.writeString(dir.resolve("special_tokens_map.json"), "{\"cls_token\": \"<s>\"}");
    Files.write(dir.resolve("model.onnx.data"), new byte[] {1, 2, 3});

    ModelFiles files = ModelFiles.validate(dir);

    assertThat(files.tokenizerConfig()).contains(dir.resolve("tokenizer_config.json"));
    assertThat(files.specialTokensMap()).contains(dir.resolve("special_tokens_map.json"));
    assertThat(files.externalData()).contains(dir.resolve("model.onnx.data"));
  }

  @Test
  void validate_bothExternalDataNames_prefersOptimumsUnderscoreName() throws IOException {
    writeRequired();
    Files.write(dir.resolve("model.onnx.data"), new byte[] {1});
    Files.write(dir.resolve("model.onnx_data"), new byte[] {2});

    assertThat(ModelFiles.validate(dir).externalData()).contains(dir.resolve("model.onnx_data"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"model.onnx", "tokenizer.json", "config.json"})
  void validate_requiredFileMissing_namesTheFolderAndTheFile(String name) throws IOException {
    writeRequired();
    Files.delete(dir.resolve(name));

    assertThatThrownBy(() -> ModelFiles.validate(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODEL_DIR=" + dir + ": missing " + name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"model.onnx", "tokenizer.json", "config.json", "tokenizer_config.json"})
  void validate_emptyFile_namesIt(String name) throws IOException {
    writeRequired();
    Files.write(dir.resolve(name), new byte[0]);

    assertThatThrownBy(() -> ModelFiles.validate(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODEL_DIR=" + dir + ": " + name + " is empty");
  }

  @Test
  void validate_brokenJson_namesTheFileLineAndColumn() throws IOException {
    writeRequired();
    Files.writeString(dir.resolve("config.json"), "{\n  \"a\": 1,\n    ]\n}");

    assertThatThrownBy(() -> ModelFiles.validate(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODEL_DIR=" + dir + ": config.json is not valid JSON (line 3, column 5)");
  }

  @Test
  void validate_truncatedTokenizer_isNotValidJson() throws IOException {
    writeRequired();
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"vocab\": [");

    assertThatThrownBy(() -> ModelFiles.validate(dir))
        .hasMessageStartingWith("MODEL_DIR=" + dir + ": tokenizer.json is not valid JSON (line 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1, 2]", "\"text\"", "  \n"})
  void validate_jsonThatIsNotAnObject_namesTheFile(String content) throws IOException {
    writeRequired();
    Files.writeString(dir.resolve("tokenizer.json"), content);

    assertThatThrownBy(() -> ModelFiles.validate(dir))
        .hasMessage("MODEL_DIR=" + dir + ": tokenizer.json is not a JSON object");
  }

  @Test
  void validate_dataAfterTheObject_namesTheFile() throws IOException {
    writeRequired();
    Files.writeString(dir.resolve("config.json"), "{} {}");

    assertThatThrownBy(() -> ModelFiles.validate(dir))
        .hasMessage("MODEL_DIR=" + dir + ": config.json has data after its JSON object");
  }

  @Test
  void validate_folderInPlaceOfAFile_isNotARegularFile() throws IOException {
    writeRequired();
    Files.delete(dir.resolve("model.onnx"));
    Files.createDirectory(dir.resolve("model.onnx"));

    assertThatThrownBy(() -> ModelFiles.validate(dir))
        .hasMessage("MODEL_DIR=" + dir + ": model.onnx is not a regular file");
  }

  @Test
  void validate_noSuchFolder_namesIt() {
    Path missing = dir.resolve("absent");

    assertThatThrownBy(() -> ModelFiles.validate(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODEL_DIR=" + missing + " is not a directory");
  }

  private void writeRequired() throws IOException {
    Files.write(dir.resolve("model.onnx"), new byte[] {8, 1, 18, 4});
    Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {}}");
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"xlm-roberta\"}");
  }
}
