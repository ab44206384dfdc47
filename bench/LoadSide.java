/** Where the load run sends a request: to the origin directly, or to the Worker in front of it. */
enum LoadSide {
  ORIGIN("origin alone"),
  EDGE("through the Worker");

  final String label;

  LoadSide(String label) {
    this.label = label;
  }
}
