package dev.muonlab.jupyter.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CellParserTest {

    @Test
    void lineMagicsSplitCodeAndKeepCellLineNumbers() {
        CellParser.Parsed p = CellParser.parse("int a = 1;\n%maven g:a:1 \"x y\"\nint b = 2;\nb");
        assertNull(p.cellMagic());
        assertEquals(3, p.parts().size());
        assertEquals(new CellParser.Code("int a = 1;", 1), p.parts().get(0));
        CellParser.LineMagic m = assertInstanceOf(CellParser.LineMagic.class, p.parts().get(1));
        assertEquals("maven", m.name());
        assertEquals(List.of("g:a:1", "x y"), m.args());
        assertEquals(2, m.line());
        assertEquals(new CellParser.Code("int b = 2;\nb", 3), p.parts().get(2));
    }

    @Test
    void percentInsideTextBlocksCommentsAndBracesIsNotAMagic() {
        String cell = "String s = \"\"\"\n%notmagic\n\"\"\";\n/*\n%alsonot\n*/\nint r = f(1,\n%stillnot);";
        CellParser.Parsed p = CellParser.parse(cell);
        assertEquals(List.of(new CellParser.Code(cell, 1)), p.parts());
    }

    @Test
    void moduloOperatorLineIsNotAMagic() {
        CellParser.Parsed p = CellParser.parse("int x = 7\n    % 3;");
        assertEquals(1, p.parts().size());
        assertInstanceOf(CellParser.Code.class, p.parts().get(0));
    }

    @Test
    void cellMagicTakesTheRestOfTheCell() {
        CellParser.Parsed p = CellParser.parse("\n%%time -q\nint x = 1;\nx");
        assertEquals("time", p.cellMagic().name());
        assertEquals(List.of("-q"), p.cellMagic().args());
        assertEquals("int x = 1;\nx", p.cellMagic().body());
        assertEquals(3, p.cellMagic().bodyFirstLine());
    }

    @Test
    void questionMarkAskForInspection() {
        assertEquals("Math.abs", CellParser.parse("Math.abs?").inspectExpr());
        assertEquals(0, CellParser.parse("Math.abs?").inspectDetail());
        assertEquals(1, CellParser.parse("  list.size ??  ").inspectDetail());
        assertNull(CellParser.parse("a ? b : c").inspectExpr());
    }

    @Test
    void magicArgsQuotesAndEscapes() {
        assertEquals(List.of("a", "b c", "d'e", "f g"), MagicArgs.split(" a \"b c\" \"d'e\" f\\ g "));
        assertEquals(List.of(), MagicArgs.split("   "));
        assertThrows(IllegalArgumentException.class, () -> MagicArgs.split("\"open"));
    }
}
