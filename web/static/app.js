// AnSinh: the little the pages need from scripts. Everything works without
// it; it only helps.
(function () {
	"use strict";

	// Declaration form: show the fields of the chosen change only.
	var needs = {
		hire: ["full_name", "birth_date", "sex", "wage", "start_month", "end_month", "contract"],
		leave: ["end_month"],
		wage_change: ["wage", "start_month", "contract"]
	};
	function syncBlock(block) {
		var sel = block.querySelector("select[data-change]");
		if (!sel) { return; }
		var keep = needs[sel.value] || [];
		block.querySelectorAll("[data-field]").forEach(function (el) {
			var f = el.getAttribute("data-field");
			el.hidden = f !== "person_id" && keep.indexOf(f) < 0;
		});
	}
	document.querySelectorAll("fieldset[data-line]").forEach(function (block) {
		syncBlock(block);
		var sel = block.querySelector("select[data-change]");
		if (sel) { sel.addEventListener("change", function () { syncBlock(block); }); }
	});

	// Buttons that change an account ask first.
	document.querySelectorAll("[data-confirm]").forEach(function (el) {
		el.addEventListener("click", function (ev) {
			if (!window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); }
		});
	});
})();
