import Testing
@testable import TerminalUI

@Suite struct FormTests {
    private func sendForm() -> Form {
        Form(fields: [
            FormField(id: "note", label: "", control: .note("Sends one SMS to the customer's number.")),
            FormField(id: "label", label: "Label", mandatory: true, control: .text(TextField(text: "Welcome"))),
            FormField(id: "to", label: "To", mandatory: true, error: "a phone number or $(reference) is required",
                      control: .text(TextField())),
            FormField(id: "channel", label: "Channel", control: .select(SelectField(options: ["sms", "whatsapp"]))),
            FormField(id: "body", label: "Message", control: .area(TextArea(text: "Hello $(name)"), rows: 2)),
        ])
    }

    @Test func rendersLabelsMarkersAndInlineErrors() {
        var form = sendForm()
        var b = makeBuffer(50, 9)
        form.render(into: &b, in: b.bounds)
        assertGolden(b, "form")
        var ascii = makeBuffer(50, 9, .ascii)
        form.render(into: &ascii, in: ascii.bounds)
        assertGolden(ascii, "form-ascii")
        #expect(b.cursor != nil)  // the focused text field shows the cursor
    }

    @Test func tabCyclesFocusSkippingNotes() {
        var form = sendForm()
        #expect(form.focusedField?.id == "label")
        _ = form.handle(.key(.tab)); #expect(form.focusedField?.id == "to")
        _ = form.handle(.key(.tab)); #expect(form.focusedField?.id == "channel")
        _ = form.handle(.key(.tab)); #expect(form.focusedField?.id == "body")
        _ = form.handle(.key(.tab)); #expect(form.focusedField?.id == "label")  // wraps, skipping the note
        _ = form.handle(.key(.backTab)); #expect(form.focusedField?.id == "body")
        _ = form.handle(.key(.up)); #expect(form.focusedField?.id == "body")   // the text area uses Up itself
        form.focus("to")
        _ = form.handle(.key(.down)); #expect(form.focusedField?.id == "channel")
    }

    @Test func typingGoesToTheFocusedFieldAndValuesReadBack() {
        var form = sendForm()
        form.focus("to")
        for c in "+4412" { _ = form.handle(.char(c)) }
        _ = form.handle(.key(.tab))
        _ = form.handle(.key(.right))  // select: next option
        #expect(form.value(of: "to") == "+4412")
        #expect(form.value(of: "channel") == "whatsapp")
        #expect(form.values["label"] == "Welcome")
        #expect(form.values["note"] == nil)
        form.setValue("Hi", for: "body")
        form.setError(nil, for: "to")
        #expect(form.value(of: "body") == "Hi")
        #expect(form.fields.first { $0.id == "to" }?.error == nil)
        let ctrlX = { () -> Bool in var f = form; f.focus("body"); return f.handle(.ctrl("x")) }()
        #expect(!ctrlX)  // Ctrl-X (then Ctrl-E: $EDITOR) is the owner's
    }

    @Test func scrollsToKeepFocusVisible() {
        var form = sendForm()
        form.focus("body")
        var b = makeBuffer(50, 4)
        form.render(into: &b, in: b.bounds)
        #expect(b.text().contains("Message"))
        #expect(!b.text().contains("Label"))
    }

    @Test func selectPopupOverlaysFieldsBelow() {
        var form = sendForm()
        form.focus("channel")
        _ = form.handle(.key(.enter))
        var b = makeBuffer(50, 10)
        form.render(into: &b, in: b.bounds)
        assertGolden(b, "form-select-open")
        _ = form.handle(.key(.down)); _ = form.handle(.key(.enter))
        #expect(form.value(of: "channel") == "whatsapp")
    }
}

@Suite struct ModalDialogTests {
    private func unsaved() -> ModalDialog {
        ModalDialog(title: "Unsaved changes", message: "The flow \"Welcome\" has changes that are not saved. Save them before leaving?",
                    buttons: ["Save", "Discard", "Cancel"], maxWidth: 44)
    }

    @Test func rendersCentredWithWrappedMessage() {
        var d = unsaved()
        var b = makeBuffer(60, 12)
        b.put("background text that the dialog covers", x: 0, y: 4)
        d.render(into: &b, in: b.bounds)
        assertGolden(b, "dialog")
        var small = makeBuffer(24, 8)
        d.render(into: &small, in: small.bounds)
        assertGolden(small, "dialog-small")
    }

    @Test func buttonsByArrowsEnterLettersAndEsc() {
        var d = unsaved()
        _ = d.handle(.key(.right)); _ = d.handle(.key(.enter))
        #expect(d.outcome == .chose(1) && d.chosenButton == "Discard")
        var e = unsaved()
        _ = e.handle(.char("c"))
        #expect(e.chosenButton == "Cancel")
        var f = unsaved()
        do { let consumed = f.handle(.char("x")); #expect(consumed) }  // modal: swallows other keys
        #expect(f.outcome == .pending)
        _ = f.handle(.key(.escape))
        #expect(f.outcome == .cancelled)
        var g = unsaved()
        _ = g.handle(.key(.left)); _ = g.handle(.key(.enter))
        #expect(g.chosenButton == "Save", "Left on the first button stays there")
        var h = unsaved()
        for _ in 0..<5 { _ = h.handle(.key(.right)) }
        _ = h.handle(.key(.tab)); _ = h.handle(.key(.enter))
        #expect(h.chosenButton == "Cancel", "the focus stops at the last button, never wraps to the first")
    }

    @Test func mouseClickOnButton() {
        var d = unsaved()
        var b = makeBuffer(60, 12)
        d.render(into: &b, in: b.bounds)
        let row = b.text().components(separatedBy: "\n").firstIndex { $0.contains("[ Discard ]") }!
        let col = b.text().components(separatedBy: "\n")[row].distance(of: "[ Discard ]")
        _ = d.handle(.mouse(MouseEvent(.press, x: col + 2, y: row)))
        #expect(d.chosenButton == "Discard")
    }
}

extension String {
    /// Display column where `needle` starts (test helper).
    func distance(of needle: String) -> Int {
        guard let r = range(of: needle) else { return -1 }
        return DisplayWidth.of(self[..<r.lowerBound])
    }
}

@Suite struct ChoiceDialogTests {
    enum Answer: Hashable, Sendable { case save, discard, cancel }
    private func unsaved() -> ChoiceDialog<Answer> {
        ChoiceDialog(title: "Unsaved changes", message: "Save them before leaving?",
                     buttons: [.init("Save", .save), .init("Discard", .discard), .init("Cancel", .cancel)],
                     focused: .cancel)
    }

    @Test func answersWithTheButtonsChoice() {
        var d = unsaved()
        _ = d.handle(.key(.enter))
        #expect(d.outcome == .chose(.cancel))  // focus started on the named choice
        var e = unsaved()
        _ = e.handle(.char("d"))
        #expect(e.outcome == .chose(.discard))
        var f = unsaved()
        _ = f.handle(.key(.escape))
        #expect(f.outcome == .cancelled)
        let g = f.reopened()
        #expect(g.outcome == .pending && g.title == "Unsaved changes")
    }
}
