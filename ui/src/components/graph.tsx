// A Cytoscape.js diagram: laid out left to right with dagre (lineage), or grown node by
// node (the explorer), where what is on screen stays where it is and only the new nodes
// are placed.
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import { useEffect, useRef } from "preact/hooks";

cytoscape.use(dagre);

// Cytoscape adds a <style> element for its container unless one with this id exists; the
// page's policy forbids inline style, and styles.css gives the container its position.
if (!document.getElementById("__________cytoscape_stylesheet")) {
  const marker = document.createElement("meta");
  marker.id = "__________cytoscape_stylesheet";
  document.head.append(marker);
}

export interface GraphNode { id: string; label: string; classes?: string; parent?: string }
export interface GraphEdge { id: string; source: string; target: string; label: string; classes?: string }

const STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: {
    label: "data(label)", "text-wrap": "wrap", "text-max-width": "160px", "font-size": 14, "text-valign": "center",
    "text-halign": "center", shape: "round-rectangle", width: 180, height: 56, "background-color": "#e8eef7",
    "border-width": 2, "border-color": "#1f4e8c", color: "#111", "min-zoomed-font-size": 8 } },
  { selector: "node.start", style: { "background-color": "#d9f0dd", "border-color": "#1e6b31" } },
  { selector: "node.provider", style: { "background-color": "#fff4d6", "border-color": "#8a5a00" } },
  { selector: "node.root", style: { "border-width": 4 } },
  { selector: "edge", style: {
    label: "data(label)", "font-size": 12, "text-wrap": "wrap", "text-max-width": "200px", "curve-style": "bezier",
    "target-arrow-shape": "triangle", width: 2, "line-color": "#555", "target-arrow-color": "#555",
    "text-background-color": "#fff", "text-background-opacity": 1, "text-background-padding": "2px", color: "#111",
    "min-zoomed-font-size": 8 } },
  { selector: "edge.unsound", style: { "line-color": "#b00020", "target-arrow-color": "#b00020", color: "#b00020", width: 3 } },
  { selector: "edge.mandate", style: { "line-style": "dashed" } },
  { selector: "node.label-DataElement", style: { "background-color": "#e3f2fd", shape: "ellipse" } },
  { selector: "node.label-System", style: { "background-color": "#e8f5e9" } },
  { selector: "node.label-Flow", style: { "background-color": "#f3e5f5", shape: "diamond" } },
  { selector: "node.label-Organization", style: { "background-color": "#fff4d6", shape: "hexagon" } },
  { selector: "node.label-Agreement", style: { "background-color": "#fce4ec", shape: "tag" } },
  { selector: "node.label-Person, node.label-Role", style: { "background-color": "#eceff1", shape: "ellipse" } },
  { selector: "node.sensitivity-SENSITIVE", style: { "border-color": "#b00020", "border-width": 4 } },
  { selector: "node.sensitivity-PII", style: { "border-color": "#b07000", "border-width": 3 } },
  { selector: ":selected", style: { "border-color": "#000", "border-width": 5 } },
];

// Past this many nodes, a force layout would keep the page busy for seconds, and bezier
// edges with labels are the most of what each frame draws: straight edges whose type
// shows when selected, and a still picture of the graph while panning and zooming.
const LARGE = 300;
const LARGE_STYLE: cytoscape.StylesheetJson = [
  ...STYLE,
  { selector: "edge", style: { label: "", "curve-style": "haystack", "haystack-radius": 0, width: 1 } },
  { selector: "edge:selected", style: { label: "data(label)", width: 3 } },
];
const READABLE = 0.5;
// Room for one node in a ring of new nodes placed around the node they hang from.
const SPACING = 110;

type Kind = "dagre" | "cose";
type Point = { x: number; y: number };

function layoutOf(kind: Kind, count: number): cytoscape.LayoutOptions {
  if (kind === "dagre") return { name: "dagre", rankDir: "LR", nodeSep: 30, rankSep: 140, edgeSep: 15 } as cytoscape.LayoutOptions;
  if (count <= LARGE) return { name: "cose", animate: false, randomize: false };
  // The hubs in the middle, the rest in rings around them: one pass, no simulation.
  return { name: "concentric", animate: false, minNodeSpacing: 20, concentric: (n: cytoscape.NodeSingular) => n.degree(false),
    levelWidth: () => 4 } as cytoscape.LayoutOptions;
}

/** Puts nodes that have no position around a neighbour that has one (a sunflower spiral,
 * evenly spread and never re-laid), or below the graph when none has. */
function placeNew(cy: cytoscape.Core, fresh: cytoscape.NodeCollection): void {
  const around = new Map<string, number>();
  const box = cy.nodes().difference(fresh).boundingBox({});
  let loose = 0;
  fresh.forEach((node) => {
    const anchor = node.neighborhood().nodes().difference(fresh).nodes().first();
    if (anchor.nonempty()) {
      const k = (around.get(anchor.id()) ?? 0) + 1;
      around.set(anchor.id(), k);
      const at: Point = anchor.position(), angle = k * 2.39996, radius = SPACING * (1 + Math.sqrt(k));
      node.position({ x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) });
    } else {
      node.position({ x: (Number.isFinite(box.x1) ? box.x1 : 0) + (loose % 20) * 200,
        y: (Number.isFinite(box.y2) ? box.y2 : 0) + 150 + Math.floor(loose / 20) * 100 });
      loose += 1;
    }
  });
}

/** Makes the diagram show `nodes` and `edges`: what left is removed, what is new added,
 * what changed restyled. It says whether the set of nodes changed. */
function sync(cy: cytoscape.Core, nodes: GraphNode[], edges: GraphEdge[]): { fresh: cytoscape.NodeCollection; changed: boolean } {
  const wanted = new Set([...nodes.map((n) => n.id), ...edges.map((e) => e.id)]);
  const gone = cy.elements().filter((el) => !wanted.has(el.id()));
  const added: cytoscape.ElementDefinition[] = [];
  for (const n of nodes) {
    const el = cy.getElementById(n.id);
    if (el.empty()) added.push({ group: "nodes", data: { id: n.id, label: n.label, parent: n.parent }, classes: n.classes });
    else { el.data("label", n.label); el.classes(n.classes ?? ""); }
  }
  for (const e of edges) {
    const el = cy.getElementById(e.id);
    if (el.empty()) added.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label }, classes: e.classes });
    else { el.data("label", e.label); el.classes(e.classes ?? ""); }
  }
  let fresh: cytoscape.NodeCollection = cy.collection();
  cy.batch(() => {
    cy.remove(gone);
    fresh = cy.add(added).nodes();
  });
  return { fresh, changed: fresh.nonempty() || gone.nodes().nonempty() };
}

export function Graph({ nodes, edges, description, onSelect, layout = "dagre", height }: {
  nodes: GraphNode[]; edges: GraphEdge[]; description: string; onSelect?: (id: string) => void;
  layout?: Kind; height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const positions = useRef(new Map<string, Point>());
  const select = useRef(onSelect);
  select.current = onSelect;
  const large = nodes.length > LARGE;
  // The renderer's options are fixed when it is made: a graph that grows past LARGE is
  // drawn afresh once, its nodes where they were.
  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current, style: large ? LARGE_STYLE : STYLE, minZoom: 0.02, maxZoom: 3,
      hideEdgesOnViewport: large, textureOnViewport: large, motionBlur: false, pixelRatio: large ? 1 : "auto",
    });
    cy.on("tap", "node", (event) => select.current?.(event.target.id()));
    cyRef.current = cy;
    return () => {
      cy.nodes().forEach((n) => { positions.current.set(n.id(), { ...n.position() }); });
      cyRef.current = null;
      cy.destroy();
    };
  }, [large, layout]);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const first = cy.nodes().empty();
    const { fresh, changed } = sync(cy, nodes, edges);
    const known = fresh.filter((n) => positions.current.has(n.id()));
    known.forEach((n) => { n.position(positions.current.get(n.id()) as Point); });
    const unplaced = fresh.difference(known);
    if (first && unplaced.size() === fresh.size() || layout === "dagre" && changed) {
      cy.layout(layoutOf(layout, nodes.length)).run();
      // Fitted, a large graph would be too small to read: start legible, at the root (or
      // a start), and let the reader pan and zoom out.
      if (cy.zoom() < READABLE) {
        const focus = cy.nodes(".root").union(cy.nodes(".start")).first();
        cy.zoom(READABLE);
        cy.center(focus.nonempty() ? focus : undefined);
      }
    } else if (unplaced.nonempty()) {
      placeNew(cy, unplaced);
    }
    if (first && known.nonempty()) cy.fit(undefined, 30);
  }, [nodes, edges, large, layout]);
  // Set through the CSSOM (allowed by the policy), not a style attribute.
  useEffect(() => {
    if (container.current && height) container.current.style.height = `${height}px`;
  }, [height]);
  return <div class="graph" ref={container} role="img" aria-label={description} />;
}
