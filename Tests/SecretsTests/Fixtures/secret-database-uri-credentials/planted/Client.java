class Client {
    static final String URL = "jdbc:postgresql://db.internal:5432/app?user=app&password=eX9JsBAb7uQqob769H&ssl=true";
}
