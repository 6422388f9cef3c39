package io.trapgate.gdbstub.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.fake.I386Description;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@Timeout(10)
class TargetDescriptionTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void targetXmlHasTheArchitectureAndEveryRegisterInItsFeature() throws Exception {
        TargetDescription d = I386Description.create();
        Document doc = parse(TargetXml.generate(d));
        assertEquals("i386", doc.getElementsByTagName("architecture").item(0).getTextContent());
        assertEquals(0, doc.getElementsByTagName("osabi").getLength());
        NodeList features = doc.getElementsByTagName("feature");
        assertEquals(4, features.getLength());
        int total = 0;
        for (int i = 0; i < features.getLength(); i++) {
            Element f = (Element) features.item(i);
            NodeList regs = f.getElementsByTagName("reg");
            assertEquals(d.registersOf(f.getAttribute("name")).size(), regs.getLength());
            for (int j = 0; j < regs.getLength(); j++) {
                Element r = (Element) regs.item(j);
                RegisterDescriptor rd = d.register(Integer.parseInt(r.getAttribute("regnum")));
                assertEquals(rd.name(), r.getAttribute("name"));
                assertEquals(rd.bitSize(), Integer.parseInt(r.getAttribute("bitsize")));
                assertEquals(rd.feature(), f.getAttribute("name"));
            }
            total += regs.getLength();
        }
        assertEquals(d.registers().size(), total);
    }

    @Test
    void coreFeatureHasAll32CoreRegistersIncludingX87() {
        List<RegisterDescriptor> core = I386Description.create().registersOf(I386Description.CORE);
        assertEquals(32, core.size());
        assertEquals("st0", core.get(16).name());
        assertEquals("fop", core.get(31).name());
    }

    @Test
    void osabiAppearsWhenTheTargetSuppliesOne() throws Exception {
        Document doc = parse(TargetXml.generate(I386Description.create("none")));
        assertEquals("none", doc.getElementsByTagName("osabi").item(0).getTextContent());
    }

    @Test
    void typesAreDefinedInTheFeatureThatUsesThem() throws Exception {
        Document doc = parse(TargetXml.generate(I386Description.create()));
        Element core = (Element) doc.getElementsByTagName("feature").item(0);
        assertEquals("i386_eflags", ((Element) core.getElementsByTagName("flags").item(0)).getAttribute("id"));
        Element sse = (Element) doc.getElementsByTagName("feature").item(1);
        assertEquals("vec128", ((Element) sse.getElementsByTagName("union").item(0)).getAttribute("id"));
        assertEquals(6, sse.getElementsByTagName("vector").getLength());
    }

    @Test
    void lldbAttributesComeFromTheDescriptor() throws Exception {
        Document doc = parse(TargetXml.generate(I386Description.create()));
        Element eip = (Element) doc.getElementsByTagName("reg").item(8);
        assertEquals("eip", eip.getAttribute("name"));
        assertEquals("pc", eip.getAttribute("generic"));
        assertEquals("8", eip.getAttribute("dwarf_regnum"));
        Element xmm0 = (Element) doc.getElementsByTagName("reg").item(32);
        assertEquals("vector", xmm0.getAttribute("encoding"));
        assertEquals("vector-uint8", xmm0.getAttribute("format"));
    }

    @Test
    void layoutPlacesRegistersBackToBackInRegnumOrder() {
        RegisterLayout l = I386Description.create().layout();
        assertEquals(0, l.offset(0));
        assertEquals(64, l.offset(16));
        assertEquals(64 + 80, l.offset(24));
        assertEquals(312 + 13 * 4 + 8, l.totalBytes());
    }

    @Test
    void gapsInRegisterNumbersAreRejected() {
        Feature f = Feature.named("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TargetDescription("i386",
                null, "i386", 4, ByteOrder.LITTLE_ENDIAN, List.of(f),
                List.of(RegisterDescriptor.of(0, "a", 32, "int", "general", "x"),
                        RegisterDescriptor.of(2, "b", 32, "int", "general", "x"))));
        assertTrue(e.getMessage().contains("without gaps"), e.getMessage());
    }

    @Test
    void duplicateNamesAndUndeclaredFeaturesAreRejected() {
        Feature f = Feature.named("x");
        assertThrows(IllegalArgumentException.class, () -> new TargetDescription("i386", null, "i386", 4,
                ByteOrder.LITTLE_ENDIAN, List.of(f), List.of(RegisterDescriptor.of(0, "a", 32, "int", "general", "x"),
                        RegisterDescriptor.of(1, "a", 32, "int", "general", "x"))));
        assertThrows(IllegalArgumentException.class, () -> new TargetDescription("i386", null, "i386", 4,
                ByteOrder.LITTLE_ENDIAN, List.of(f), List.of(RegisterDescriptor.of(0, "a", 32, "int", "general", "y"))));
    }

    @Test
    void registerWidthsMustBeWholeBytes() {
        assertThrows(IllegalArgumentException.class, () -> RegisterDescriptor.of(0, "a", 12, "int", "general", "x"));
    }
}
