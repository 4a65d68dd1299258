// Validates XML files against an XML Schema with the JDK's own validator
// (javax.xml.validation): `java tests/XsdCheck.java schema.xsd file.xml...`.
// Prints one line per problem, "file:line:column: message"; exit 1 if any.
import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXParseException;

public class XsdCheck {
    public static void main(String[] args) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator validator = factory.newSchema(new File(args[0])).newValidator();
        int problems = 0;
        for (int i = 1; i < args.length; i++) {
            try {
                validator.validate(new StreamSource(new File(args[i])));
            } catch (SAXParseException error) {
                System.out.println(args[i] + ":" + error.getLineNumber() + ":" + error.getColumnNumber() + ": "
                        + error.getMessage());
                problems++;
            }
        }
        System.exit(problems == 0 ? 0 : 1);
    }
}
