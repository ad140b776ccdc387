// Any address the portal does not know: a 404 inside the layout (menu and a way back), for
// signed-in users and visitors alike. It reveals nothing, so it needs no guard.
export async function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}

export default function NotFound() {
  return null;
}
