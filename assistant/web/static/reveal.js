() => {
  // Bring the latest question to the top of the chat panel (not the page), so its answer reads from the start.
  setTimeout(() => {
    const chat = document.getElementById("pa-chatbot");
    const questions = chat ? chat.querySelectorAll(".pa-question") : [];
    const last = questions[questions.length - 1];
    if (!last) return;
    let box = last.parentElement;
    while (box && box !== chat && box.scrollHeight <= box.clientHeight + 1) box = box.parentElement;
    if (!box || box === chat.parentElement) return;
    box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 16;
  }, 60);
}
